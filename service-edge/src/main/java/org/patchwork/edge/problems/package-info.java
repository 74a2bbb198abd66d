/**
 * Every refusal as an RFC 9457 problem document with words a person understands, and never a stack
 * trace: the exception mappers, strict JSON, request validation and the body size limit that the
 * node and the broker both register.
 */
package org.patchwork.edge.problems;
