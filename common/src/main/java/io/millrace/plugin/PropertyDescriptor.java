package io.millrace.plugin;

import java.lang.reflect.Field;
import java.lang.reflect.Type;

/** One property of a plugin type: its YAML name, Java type and documentation. */
public record PropertyDescriptor(String name, Field field, Type javaType, String description, boolean required,
                                 boolean dynamic) {
}
