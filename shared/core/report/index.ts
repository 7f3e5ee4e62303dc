export * from './renderReport.js';
export * from './timelineChart.js';
export * from './escapeHtml.js';
export * from './formatClock.js';
