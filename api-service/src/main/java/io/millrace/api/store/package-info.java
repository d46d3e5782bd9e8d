/**
 * What the REST API reads: executions, logs, flows and triggers as the indexer wrote them to the
 * search store. These interfaces are the contract between the web layer and the search store;
 * {@code io.millrace.api.search} implements them on Spring Data Elasticsearch.
 */
package io.millrace.api.store;
