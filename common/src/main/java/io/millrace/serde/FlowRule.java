package io.millrace.serde;

/** One check across a flow whose structure was walked; reports what it finds, never throws for bad input. */
interface FlowRule {

    void check(CheckedFlow flow, Problems problems);
}
