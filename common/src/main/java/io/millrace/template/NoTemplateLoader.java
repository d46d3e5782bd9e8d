package io.millrace.template;

import io.pebbletemplates.pebble.error.LoaderException;
import io.pebbletemplates.pebble.loader.Loader;

import java.io.Reader;

/**
 * The loader behind every tag that reads another template: it refuses every name, so that no
 * template reaches a file, a classpath resource or another flow's text even if such a tag came back.
 */
final class NoTemplateLoader implements Loader<String> {

    @Override
    public Reader getReader(String name) {
        throw new LoaderException(null,
            "templates cannot load other templates ('" + TemplateErrors.abbreviate(name) + "')");
    }

    @Override
    public void setCharset(String charset) {
        // nothing is ever read
    }

    @Override
    public void setPrefix(String prefix) {
        // nothing is ever read
    }

    @Override
    public void setSuffix(String suffix) {
        // nothing is ever read
    }

    @Override
    public String resolveRelativePath(String relativePath, String anchorPath) {
        return null;
    }

    @Override
    public String createCacheKey(String templateName) {
        return templateName;
    }

    @Override
    public boolean resourceExists(String templateName) {
        return false;
    }
}
