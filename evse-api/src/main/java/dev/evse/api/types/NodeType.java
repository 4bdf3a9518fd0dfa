package dev.evse.api.types;

/** Kind of a node in the energy tree. */
@EverestType(file = "energy", name = "NodeType")
public enum NodeType {
  Undefined,
  Evse,
  Generic
}
