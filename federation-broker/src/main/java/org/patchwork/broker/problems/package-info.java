/**
 * Every refusal as an RFC 9457 problem document with words a person understands, and never a stack
 * trace.
 */
package org.patchwork.broker.problems;
