package dev.aiops.porch.git;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Proxy;
import java.net.URL;
import java.security.KeyManagementException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.net.ssl.HostnameVerifier;
import javax.net.ssl.KeyManager;
import javax.net.ssl.TrustManager;
import okhttp3.Headers;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okio.BufferedSink;
import org.eclipse.jgit.transport.http.HttpConnection;
import org.eclipse.jgit.transport.http.HttpConnectionFactory;
import org.eclipse.jgit.util.TemporaryBuffer;

/**
 * JGit's HTTP transport over the platform's guarded OkHttp client ({@code GuardedHttpClients}) instead of the
 * JDK's {@code HttpURLConnection}, which resolves the host itself at connect time. Through this factory, a fetch
 * or push to a user-supplied remote connects only to the addresses the URL guard checked just before (the
 * client's DNS is the guard, which hands out the answer it pinned), never follows a redirect (the client follows
 * none, and strips {@code Location} from every 3xx, so JGit sees the 3xx and fails) and uses no proxy.
 *
 * <p>Set per transport ({@code TransportHttp.setHttpConnectionFactory}), not JGit-wide. Turning TLS verification
 * off is refused ({@link Connection#configure}): the remote's certificate is always checked against the JVM's
 * trust store. A request body (a push's pack) is buffered, spilling to a temporary file past 1 MiB, and sent
 * with its length once JGit asks for the answer.
 */
final class PinnedHttpConnections implements HttpConnectionFactory {

    private static final int IN_MEMORY = 1024 * 1024;

    private final OkHttpClient client;

    /** {@code client}: a guarded client (the guard as DNS, no redirects, no proxy). */
    PinnedHttpConnections(OkHttpClient client) {
        this.client = client;
    }

    @Override
    public HttpConnection create(URL url) {
        return new Connection(client, url);
    }

    /** The proxy JGit's selector proposes is not used: the guarded client connects directly, to checked addresses. */
    @Override
    public HttpConnection create(URL url, Proxy proxy) {
        return new Connection(client, url);
    }

    /** One request and its answer, in HttpURLConnection's order: set up, write the body, then read the answer. */
    static final class Connection implements HttpConnection {

        private final OkHttpClient client;
        private final URL url;
        private final Headers.Builder headers = new Headers.Builder();
        private String method = "GET";
        private int connectTimeoutMillis;
        private int readTimeoutMillis;
        private TemporaryBuffer body;
        private Response response;

        Connection(OkHttpClient client, URL url) {
            this.client = client;
            this.url = url;
        }

        @Override
        public void connect() throws IOException {
            // HttpURLConnection's connect() only opens the socket; the request goes when the answer is asked for
        }

        private Response response() throws IOException {
            if (response == null) {
                OkHttpClient.Builder timed = client.newBuilder();
                if (connectTimeoutMillis > 0) {
                    timed.connectTimeout(Duration.ofMillis(connectTimeoutMillis));
                }
                if (readTimeoutMillis > 0) {
                    timed.readTimeout(Duration.ofMillis(readTimeoutMillis))
                            .writeTimeout(Duration.ofMillis(readTimeoutMillis));
                }
                Request.Builder request = new Request.Builder().url(url).headers(headers.build());
                if (body != null) {
                    body.close(); // flushes what spilled to the temporary file; JGit may not have closed it
                }
                RequestBody requestBody = body == null ? null : new Buffered(body, headers.get("Content-Type"));
                if (requestBody == null && ("POST".equals(method) || "PUT".equals(method))) {
                    requestBody = RequestBody.create(new byte[0]);
                }
                request.method(method, requestBody);
                try {
                    response = timed.build().newCall(request.build()).execute();
                } finally {
                    if (body != null) {
                        body.destroy();
                    }
                }
            }
            return response;
        }

        // HttpURLConnection's header getters send the request too, and answer null when it failed
        private Response answered() {
            try {
                return response();
            } catch (IOException e) {
                return null;
            }
        }

        @Override
        public int getResponseCode() throws IOException {
            return response().code();
        }

        @Override
        public URL getURL() {
            return url;
        }

        @Override
        public String getResponseMessage() throws IOException {
            return response().message();
        }

        @Override
        public Map<String, List<String>> getHeaderFields() {
            Map<String, List<String>> fields = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            Response answer = answered();
            if (answer != null) {
                fields.putAll(answer.headers().toMultimap());
            }
            return fields;
        }

        @Override
        public void setRequestProperty(String key, String value) {
            headers.set(key, value);
        }

        @Override
        public void setRequestMethod(String method) {
            this.method = method;
        }

        @Override
        public void setUseCaches(boolean usecaches) {
            // the client has no cache
        }

        @Override
        public void setConnectTimeout(int timeout) {
            this.connectTimeoutMillis = timeout;
        }

        @Override
        public void setReadTimeout(int timeout) {
            this.readTimeoutMillis = timeout;
        }

        @Override
        public String getContentType() {
            Response answer = answered();
            return answer == null ? null : answer.header("Content-Type");
        }

        @Override
        public InputStream getInputStream() throws IOException {
            return response().body().byteStream();
        }

        @Override
        public String getHeaderField(String name) {
            Response answer = answered();
            return answer == null ? null : answer.header(name);
        }

        @Override
        public List<String> getHeaderFields(String name) {
            Response answer = answered();
            return answer == null ? List.of() : answer.headers(name);
        }

        @Override
        public int getContentLength() {
            String length = getHeaderField("Content-Length");
            try {
                return length == null ? -1 : Integer.parseInt(length.trim());
            } catch (NumberFormatException e) {
                return -1;
            }
        }

        @Override
        public void setInstanceFollowRedirects(boolean followRedirects) {
            // never followed, whatever JGit asks: the guarded client follows none and strips Location
        }

        @Override
        public void setDoOutput(boolean dooutput) {
            // a body is sent when one was written
        }

        @Override
        public void setFixedLengthStreamingMode(int contentLength) {
            // the body is buffered and sent with its length
        }

        @Override
        public OutputStream getOutputStream() {
            if (body == null) {
                body = new TemporaryBuffer.LocalFile((File) null, IN_MEMORY);
            }
            return body;
        }

        @Override
        public void setChunkedStreamingMode(int chunklen) {
            // the body is buffered and sent with its length
        }

        @Override
        public String getRequestMethod() {
            return method;
        }

        @Override
        public boolean usingProxy() {
            return false;
        }

        /** JGit calls this only to turn certificate checks off ({@code http.sslVerify=false}): refused. */
        @Override
        public void configure(KeyManager[] km, TrustManager[] tm, SecureRandom random) throws KeyManagementException {
            throw new KeyManagementException("TLS certificate checks cannot be turned off for a remote git repository");
        }

        @Override
        public void setHostnameVerifier(HostnameVerifier hostnameverifier) throws KeyManagementException {
            throw new KeyManagementException("TLS host name checks cannot be turned off for a remote git repository");
        }
    }

    /** The buffered body, written once OkHttp has the connection. */
    private static final class Buffered extends RequestBody {
        private final TemporaryBuffer buffer;
        private final MediaType type;

        Buffered(TemporaryBuffer buffer, String contentType) {
            this.buffer = buffer;
            this.type = contentType == null ? null : MediaType.parse(contentType);
        }

        @Override
        public MediaType contentType() {
            return type;
        }

        @Override
        public long contentLength() {
            return buffer.length();
        }

        @Override
        public void writeTo(BufferedSink sink) throws IOException {
            buffer.writeTo(sink.outputStream(), null);
        }
    }
}
