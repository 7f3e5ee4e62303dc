export * from './topicTypes.js';
export * from './mineShowTopics.js';
export * from './unansweredQuestions.js';
export * from './suggestTopics.js';
