/**
 * The communication tree: a network, its sites, their groups and the people in them. A group says which alert kinds
 * it receives, in which tier, whether its members must acknowledge and who backs them up. People are contact points
 * with roles and a language; there is deliberately no field for immigration status, nationality or student names.
 */
package org.aviso.core.tree;
