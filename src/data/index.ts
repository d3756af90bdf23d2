/**
 * tunelab/data. Filled by its own issue; see DESIGN.md for what this module holds.
 * @module
 */
export {};
