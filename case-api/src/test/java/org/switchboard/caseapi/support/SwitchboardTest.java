package org.switchboard.caseapi.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;

/**
 * The whole application on real PostgreSQL, on a random port. Every API test uses exactly this
 * annotation and nothing that changes the context, so all of them share one Spring context (one
 * engine start per test run). Tests must therefore not depend on an empty database: create your own
 * tenant/users/cases with unique ids (see {@link TestFixtures}).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@ContextConfiguration(initializers = PostgresInitializer.class)
public @interface SwitchboardTest {
}
