package org.switchboard.caseapi.links;

/** How the source case of a link relates to its target; read "source TYPE target". */
public enum LinkType {
  /** The cases concern the same matter or people. */
  RELATED,
  /** The source is a duplicate of the target (a merge links the duplicate to the survivor this way). */
  DUPLICATE,
  /** The source is the parent of the target. */
  PARENT
}
