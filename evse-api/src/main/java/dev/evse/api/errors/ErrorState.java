package dev.evse.api.errors;

/** Life-cycle state of an error object in EVerest's error framework, spelled as on the wire. */
public enum ErrorState {
  Active,
  ClearedByModule,
  ClearedByReboot
}
