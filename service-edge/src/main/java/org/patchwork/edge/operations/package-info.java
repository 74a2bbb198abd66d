/**
 * The operations endpoints Payara serves inside each service's context ({@code /metrics}, {@code
 * /openapi}): who may read them.
 */
package org.patchwork.edge.operations;
