export { planNextShow, type PlanInputs } from './planNextShow.js';
export { planDate, PLAN_LEAD_DAYS } from './planDate.js';
