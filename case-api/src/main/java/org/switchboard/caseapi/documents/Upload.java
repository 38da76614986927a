package org.switchboard.caseapi.documents;

import org.springframework.core.io.InputStreamSource;

/**
 * A file as received: the name the client gave, its size and its bytes, which can be read more than once
 * (a multipart file spooled by the servlet container), so the type is sniffed before anything is stored.
 */
public record Upload(String originalFileName, long size, InputStreamSource content) {
}
