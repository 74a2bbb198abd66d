/**
 * A client's rights over what this council holds about them: a report of what is held and who
 * looked at it, and their objection, which erases them and leaves only an anonymous tombstone.
 */
package org.patchwork.node.rights;
