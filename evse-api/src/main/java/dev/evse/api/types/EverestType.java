package dev.evse.api.types;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Names the EVerest type a Java record or enum mirrors: type {@link #name()} of the type file
 * {@link #file()} (an EVerest reference {@code /evse_manager#/SessionEvent} is file {@code
 * evse_manager}, name {@code SessionEvent}). For an enum that EVerest declares inline inside an
 * object type, {@link #property()} names the property of that object.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface EverestType {
  /** Type file name without extension, e.g. {@code units_signed}. */
  String file();

  /** Type name inside the file, e.g. {@code SignedMeterValue}. */
  String name();

  /** For an inline enum: the property of {@link #name()} that declares it; otherwise empty. */
  String property() default "";
}
