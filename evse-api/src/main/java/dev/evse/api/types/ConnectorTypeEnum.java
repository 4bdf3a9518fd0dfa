package dev.evse.api.types;

/** Physical connector kind: prefix c = attached cable, s = socket, w = wireless. */
@EverestType(file = "evse_manager", name = "ConnectorTypeEnum")
public enum ConnectorTypeEnum {
  cCCS1,
  cCCS2,
  cG105,
  cMCS,
  cTesla,
  cType1,
  cType2,
  s309_1P_16A,
  s309_1P_32A,
  s309_3P_16A,
  s309_3P_32A,
  sBS1361,
  sCEE_7_7,
  sType2,
  sType3,
  Other1PhMax16A,
  Other1PhOver16A,
  Other3Ph,
  Pan,
  wInductive,
  wResonant,
  Undetermined,
  Unknown
}
