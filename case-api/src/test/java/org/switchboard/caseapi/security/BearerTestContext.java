package org.switchboard.caseapi.security;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.switchboard.caseapi.support.PostgresTestDatabase;

/**
 * The application with bearer tokens switched on: an RSA key generated here, its public half served as a JWKS
 * by WireMock, and a PostgreSQL database of its own (the shared context's outbox relay must not deliver this
 * context's events, nor this one the shared context's).
 */
public class BearerTestContext implements ApplicationContextInitializer<ConfigurableApplicationContext> {

  public static final String ISSUER = "https://idp.example.test/realms/switchboard";
  public static final RSAKey KEY = generate("switchboard-test-key");


  static RSAKey generate(String keyId) {
    try {
      return new RSAKeyGenerator(2048).keyID(keyId).generate();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void initialize(ConfigurableApplicationContext context) {
    WireMockServer idp = new WireMockServer(WireMockConfiguration.options().dynamicPort());
    idp.start();
    idp.stubFor(get(urlEqualTo("/jwks")).willReturn(okJson(new JWKSet(KEY.toPublicJWK()).toString())));
    DefaultListableBeanFactory beans = (DefaultListableBeanFactory) context.getBeanFactory();
    beans.registerSingleton("testIdentityProvider", idp);
    beans.registerDisposableBean("testIdentityProvider", idp::stop);
    TestPropertyValues.of(
        "spring.datasource.url=" + createDatabase(),
        "spring.datasource.username=" + PostgresTestDatabase.user(),
        "spring.datasource.password=" + PostgresTestDatabase.password(),
        "switchboard.security.oidc.issuer-uri=" + ISSUER,
        "switchboard.security.oidc.jwk-set-uri=" + idp.baseUrl() + "/jwks"
    ).applyTo(context.getEnvironment());
  }

  private static String createDatabase() {
    return PostgresTestDatabase.createExtra("sbbearer");
  }
}
