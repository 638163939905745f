/** The names of the API methods. Channel names and HTTP routes derive from these; never type them twice. */
export const API_METHODS = ['search', 'article', 'laws', 'stats', 'status', 'models', 'versions', 'activateVersion', 'rollbackVersion',
  'folders', 'folder', 'createFolder', 'renameFolder', 'deleteFolder', 'pinArticle', 'setPinNote', 'unpin', 'recordFolderQuery', 'exportFolder',
  'history', 'addHistory', 'clearHistory',
  'evaluation',
  'abSessions', 'prepareAb', 'cancelAbPreparation', 'abSession', 'judgeAb', 'tallyAb',
  'law', 'lawVersions', 'compareArticle',
  'startResearch', 'researchRun', 'cancelResearch',
  'locations',
  'pauseIndexing', 'resumeIndexing', 'importStatutes', 'uploadStatutes', 'importStatus', 'useBuiltinModels',
  'embed', 'rerank',
  'glossary', 'importGlossary', 'removeGlossaryFile',
  'markResult', 'markNothingHere', 'feedback', 'updateFeedback', 'deleteFeedback', 'failureCases', 'addFailureArticle', 'exportFeedback', 'importFeedback',
  'trainFromFeedback', 'feedbackTraining', 'cancelFeedbackTraining',
  'contextPack', 'assistantConnection',
] as const;
export type ApiMethod = (typeof API_METHODS)[number];

export const IPC_PREFIX = 'lexbone:';
export const HTTP_PREFIX = '/api/v1/';

export const ipcChannel = (method: ApiMethod): string => `${IPC_PREFIX}${method}`;
export const httpRoute = (method: ApiMethod): string => `${HTTP_PREFIX}${method}`;
