package dev.evse.api.types;

/** How the auth module picks a connector for a token. */
@EverestType(file = "authorization", name = "SelectionAlgorithm")
public enum SelectionAlgorithm {
  UserInput,
  PlugEvents,
  FindFirst
}
