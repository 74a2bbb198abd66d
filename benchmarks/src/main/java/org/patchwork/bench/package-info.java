/**
 * Benchmarks against a real local node (not tests: they report numbers, they never pass or fail a
 * build): local search over a large population, caseload import, resident memory.
 */
package org.patchwork.bench;
