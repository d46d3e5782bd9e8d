package io.millrace.api.webhooks;

import java.util.List;
import java.util.Map;

/**
 * An HTTP request to a webhook URL, as read off the wire: what the flow may see of it.
 *
 * @param headers     every header, by name as sent, each with its values in order
 * @param parameters  the query parameters, each with its values in order
 * @param contentType the body's media type as sent, or null
 * @param body        the body's bytes (empty when there is none, or when it was a multipart form)
 * @param formFields  the text fields of a {@code multipart/form-data} body, else empty
 */
public record WebhookRequest(Map<String, List<String>> headers, Map<String, List<String>> parameters,
                             String contentType, byte[] body, Map<String, List<String>> formFields) {

    @Override
    public String toString() {
        // never the headers: the Authorization header may be among them
        return "WebhookRequest[" + contentType + ", " + body.length + " bytes]";
    }
}
