/** How a Millrace process stops: its grace period and what its parts report while they stop. */
package io.millrace.shutdown;
