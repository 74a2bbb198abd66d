/** The client's consent to sharing at this council, and who recorded it, when and how. */
package org.patchwork.node.consent;
