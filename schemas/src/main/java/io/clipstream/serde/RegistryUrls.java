package io.clipstream.serde;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.kafka.common.config.ConfigException;

/**
 * Parsed {@code schema.registry.url}: URLs stripped of credentials, the credentials, or a mock
 * scope.
 */
record RegistryUrls(List<String> urls, String userInfo, String mockScope) {

  /** Never prints {@link #userInfo}: it holds a password. */
  @Override
  public String toString() {
    return "RegistryUrls" + urls;
  }

  static RegistryUrls parse(List<String> configured) {
    if (configured.isEmpty() || configured.stream().allMatch(String::isBlank)) {
      throw new ConfigException(
          AvroSerdeConfig.SCHEMA_REGISTRY_URL,
          "",
          "set at least one registry URL "
              + "(http://host:8081, http://host:8080/apis/ccompat/v7 for Apicurio) or mock://<scope> for tests");
    }
    List<String> urls = new ArrayList<>();
    Set<String> userInfos = new LinkedHashSet<>();
    String mockScope = null;
    for (String raw : configured) {
      String url = raw.trim().replaceAll("/+$", "");
      if (raw.trim().startsWith("mock://")) {
        mockScope = raw.trim().substring("mock://".length()).replaceAll("/+$", "");
        if (mockScope.isEmpty() || configured.size() > 1) {
          throw new ConfigException(
              AvroSerdeConfig.SCHEMA_REGISTRY_URL,
              raw,
              "a mock registry is a single mock://<scope> URL with a non-empty scope");
        }
        urls.add("mock://" + mockScope);
        continue;
      }
      URI uri = parseHttp(raw, url);
      if (uri.getUserInfo() != null) {
        userInfos.add(uri.getUserInfo());
      }
      String authority = uri.getRawAuthority().substring(uri.getRawAuthority().indexOf('@') + 1);
      urls.add(
          uri.getScheme() + "://" + authority + (uri.getRawPath() == null ? "" : uri.getRawPath()));
    }
    if (userInfos.size() > 1) {
      throw new ConfigException(
          AvroSerdeConfig.SCHEMA_REGISTRY_URL
              + " carries different credentials in different URLs; "
              + "use the same user everywhere or set "
              + AvroSerdeConfig.BASIC_AUTH_USER_INFO);
    }
    return new RegistryUrls(
        List.copyOf(urls), userInfos.stream().findFirst().orElse(null), mockScope);
  }

  private static URI parseHttp(String raw, String url) {
    try {
      URI uri = new URI(url);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
        return uri;
      }
    } catch (URISyntaxException e) {
      // reported below with the accepted forms
    }
    throw new ConfigException(
        AvroSerdeConfig.SCHEMA_REGISTRY_URL,
        mask(raw),
        "expected http(s)://host[:port][/path] or mock://<scope>");
  }

  private static String mask(String raw) {
    return raw.replaceAll("//[^/@]*@", "//***@");
  }
}
