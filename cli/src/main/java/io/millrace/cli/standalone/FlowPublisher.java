package io.millrace.cli.standalone;

/** Where a flow directory's files go: the api's flow write path in the standalone server. */
public interface FlowPublisher {

    /**
     * Deploys one flow source (a new revision only when it changed).
     *
     * @return the flow it defines
     * @throws RuntimeException with a message for people when the source is not a valid flow
     */
    FlowKey deploy(String source);

    /** Deletes a flow that is deployed; nothing when it is not. */
    void delete(FlowKey flow);

    /** A flow's namespace and id. */
    record FlowKey(String namespace, String id) {
        @Override
        public String toString() {
            return namespace + "." + id;
        }
    }
}
