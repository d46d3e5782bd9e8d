/** Millrace's shared language: model, YAML, templating and the task catalogue. */
package io.millrace;
