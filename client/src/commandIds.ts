import { ClientCommands } from '../../shared/src/protocol';

/** Command ids; each is contributed in package.json under the "Serverless Guard" category. */
export const Commands = {
  scanWorkspace: 'slsguard.scanWorkspace',
  restartServer: 'slsguard.restartServer',
  showOutput: 'slsguard.showOutput',
  refreshChecklist: 'slsguard.refreshChecklist',
  openGuide: 'slsguard.openGuide',
  acceptChecklistItem: 'slsguard.acceptChecklistItem',
  withdrawChecklistAcceptance: 'slsguard.withdrawChecklistAcceptance',
  ...ClientCommands,
} as const;
