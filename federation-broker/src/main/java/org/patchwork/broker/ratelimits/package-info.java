/**
 * Rate limits against enumeration: per requesting practitioner (their council's pseudonym) and per
 * requesting node. The counts live in each broker instance's memory: with n instances behind a
 * balancer a practitioner could reach at most n times the limit, which still stops enumeration and
 * needs no shared state beyond the database.
 */
package org.patchwork.broker.ratelimits;
