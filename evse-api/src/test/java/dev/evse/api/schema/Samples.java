package dev.evse.api.schema;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.evse.api.codec.Rfc3339;
import dev.evse.api.types.EverestType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Finds the wire types and builds a fully populated sample of any record type by reflection. */
final class Samples {
  private static final String TIMESTAMP = Rfc3339.format(Instant.parse("2024-05-06T09:51:28.123Z"));

  private Samples() {}

  /** Every class of {@code dev.evse.api.types} annotated with {@link EverestType}. */
  static List<Class<?>> wireTypes() {
    try {
      Path root = Paths.get(EverestType.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      Path dir = root.resolve("dev/evse/api/types");
      try (Stream<Path> files = Files.list(dir)) {
        return files
            .map(p -> p.getFileName().toString())
            .filter(n -> n.endsWith(".class") && !n.contains("$"))
            .map(n -> load("dev.evse.api.types." + n.substring(0, n.length() - ".class".length())))
            .filter(c -> c.isAnnotationPresent(EverestType.class))
            .sorted((a, b) -> a.getSimpleName().compareTo(b.getSimpleName()))
            .collect(Collectors.toList());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Class<?> load(String name) {
    try {
      return Class.forName(name);
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A sample of {@code type} with every optional present and one element in every list. */
  static Object sample(Class<?> type) {
    return sample(type, type, "", List.of());
  }

  private static Object sample(Type generic, Class<?> raw, String wireName, List<Class<?>> outer) {
    if (raw == Optional.class) {
      Type arg = ((ParameterizedType) generic).getActualTypeArguments()[0];
      return Optional.of(sample(arg, rawOf(arg), wireName, outer));
    }
    if (raw == List.class) {
      Type arg = ((ParameterizedType) generic).getActualTypeArguments()[0];
      Class<?> item = rawOf(arg);
      if (outer.contains(item)) {
        return List.of(); // stops recursion (EnergyFlowRequest.children)
      }
      return List.of(sample(arg, item, wireName, outer));
    }
    if (raw == int.class || raw == Integer.class) {
      return 1;
    }
    if (raw == double.class || raw == Double.class) {
      return 1.0;
    }
    if (raw == boolean.class || raw == Boolean.class) {
      return true;
    }
    if (raw == String.class) {
      return sampleString(wireName);
    }
    if (raw.isEnum()) {
      return raw.getEnumConstants()[0];
    }
    if (raw.isRecord()) {
      List<Class<?>> inner = new java.util.ArrayList<>(outer);
      inner.add(raw);
      RecordComponent[] comps = raw.getRecordComponents();
      Object[] args = new Object[comps.length];
      Class<?>[] types = new Class<?>[comps.length];
      for (int i = 0; i < comps.length; i++) {
        JsonProperty p = comps[i].getAccessor().getAnnotation(JsonProperty.class);
        types[i] = comps[i].getType();
        args[i] = sample(comps[i].getGenericType(), comps[i].getType(), p.value(), inner);
      }
      try {
        Constructor<?> c = raw.getDeclaredConstructor(types);
        return c.newInstance(args);
      } catch (InvocationTargetException e) {
        throw new IllegalStateException("sample of " + raw.getSimpleName() + ": " + e.getCause(), e.getCause());
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException(e);
      }
    }
    throw new IllegalArgumentException("no sample for " + generic);
  }

  private static String sampleString(String wireName) {
    if (wireName.equals("timestamp") || wireName.contains("time")) {
      return TIMESTAMP;
    }
    if (wireName.equals("currency")) {
      return "EUR";
    }
    if (wireName.equals("evcc_id")) {
      return "0A:1B:2C:3D:4E:5F";
    }
    return "sample";
  }

  private static Class<?> rawOf(Type t) {
    if (t instanceof Class) {
      return (Class<?>) t;
    }
    return (Class<?>) ((ParameterizedType) t).getRawType();
  }
}
