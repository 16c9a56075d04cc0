export { startSweeper, fireDue } from './sweeper.js';
