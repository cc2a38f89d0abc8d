/**
 * The verification quorum: how many distinct people must confirm before an alert may go out. The system enforces
 * it, so "two people checked" is a fact and not a habit.
 */
package org.aviso.core.quorum;
