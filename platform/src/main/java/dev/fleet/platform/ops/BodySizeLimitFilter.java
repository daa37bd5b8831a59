package dev.fleet.platform.ops;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * Answers 413 for request bodies larger than a limit.
 *
 * <p>A declared Content-Length is checked up front. A body without one (chunked) is read here, up to
 * limit + 1 bytes, before the application sees it: an error thrown from inside Jersey's entity reading
 * would be turned into a 400/500 by Jackson or Jersey, so the decision is made before. The buffer is
 * bounded by the limit; the application then reads the buffered copy.
 */
public class BodySizeLimitFilter implements Filter {
    public static final long DEFAULT_LIMIT_BYTES = 64 * 1024;

    private final long limitBytes;

    public BodySizeLimitFilter(long limitBytes) {
        if (limitBytes < 0 || limitBytes >= Integer.MAX_VALUE) {
            throw new IllegalArgumentException("limitBytes out of range: " + limitBytes);
        }
        this.limitBytes = limitBytes;
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) req;
        HttpServletResponse response = (HttpServletResponse) res;
        long declared = request.getContentLengthLong();
        if (declared > limitBytes) {
            tooLarge(response);
            return;
        }
        if (declared < 0 && request.getHeader("Transfer-Encoding") != null) {
            byte[] body = readAtMost(request.getInputStream(), limitBytes + 1);
            if (body.length > limitBytes) {
                tooLarge(response);
                return;
            }
            chain.doFilter(new BufferedBodyRequest(request, body), res);
            return;
        }
        chain.doFilter(req, res);
    }

    private void tooLarge(HttpServletResponse response) throws IOException {
        // the connection is closed after the answer: the rest of the body is never read
        response.setHeader("Connection", "close");
        JsonErrors.write(response, 413, "request body exceeds " + limitBytes + " bytes");
    }

    private static byte[] readAtMost(InputStream in, long max) throws IOException {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        byte[] chunk = new byte[8192];
        int n;
        while (buffer.size() < max && (n = in.read(chunk, 0, (int) Math.min(chunk.length, max - buffer.size()))) != -1) {
            buffer.write(chunk, 0, n);
        }
        return buffer.toByteArray();
    }

    private static final class BufferedBodyRequest extends HttpServletRequestWrapper {
        private final byte[] body;

        BufferedBodyRequest(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }

                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("async reads are not supported on a buffered body");
                }
            };
        }

        @Override
        public BufferedReader getReader() {
            String encoding = getCharacterEncoding();
            Charset charset = StandardCharsets.UTF_8;
            try {
                if (encoding != null) {
                    charset = Charset.forName(encoding);
                }
            } catch (IllegalArgumentException unknownCharset) {
                // keep UTF-8: an odd header must not turn into a 500
            }
            return new BufferedReader(new InputStreamReader(getInputStream(), charset));
        }
    }
}
