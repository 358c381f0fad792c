// The machines' example inputs live with the machines (engine/machines/examples.ts).
export { SAMPLES } from '../../engine/machines/examples.js';
