// The worker's workflow bundle entry: every workflow type the task queue serves.
export { journeyRun } from './journey-run';
export { birthdayScan } from './birthday-scan';
export { anniversaryScan } from './anniversary-scan';
export { expirePoints } from './expire-points';
export { broadcast } from './broadcast';
