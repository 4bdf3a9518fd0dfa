package dev.evse.api.types;

/** Energy transfer mode; the first seven are DIN 70121 / ISO 15118-2, the rest ISO 15118-20. */
@EverestType(file = "iso15118", name = "EnergyTransferMode")
public enum EnergyTransferMode {
  AC_single_phase_core,
  AC_two_phase,
  AC_three_phase_core,
  DC_core,
  DC_extended,
  DC_combo_core,
  DC_unique,
  DC,
  AC_BPT,
  AC_BPT_DER,
  AC_DER,
  DC_BPT,
  DC_ACDP,
  DC_ACDP_BPT,
  WPT,
  MCS,
  MCS_BPT
}
