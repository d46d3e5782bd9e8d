package io.millrace.api.security;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** How configured roles and namespace prefixes become what a caller may do. */
class CallerSecurityTest {

    @Test
    void aPrefixCoversItsNamespaceAndThoseUnderItOnly() {
        Caller teamA = Caller.configured("dev", List.of("developer"), List.of("team-a.", "prod.billing"), "u");
        assertThat(teamA.namespaces()).containsExactly("team-a", "prod.billing");
        assertThat(teamA.sees("team-a")).isTrue();
        assertThat(teamA.sees("team-a.etl.daily")).isTrue();
        assertThat(teamA.sees("team-ab")).isFalse();
        assertThat(teamA.sees("prod")).isFalse();
        assertThat(teamA.sees("prod.billing.eu")).isTrue();
        assertThat(teamA.sees(null)).isFalse();
        assertThat(Caller.configured("all", List.of("viewer"), List.of(), "u").sees("anything")).isTrue();
    }

    @Test
    void theHighestRoleCountsAndNoRoleMeansAdmin() {
        assertThat(Caller.configured("a", List.of("developer", "VIEWER"), List.of(), "u").role()).isEqualTo(Role.DEVELOPER);
        assertThat(Caller.configured("a", List.of(), List.of(), "u").role()).isEqualTo(Role.ADMIN);
        assertThat(Role.ADMIN.includes(Role.OPERATOR)).isTrue();
        assertThat(Role.OPERATOR.includes(Role.DEVELOPER)).isFalse();
    }

    @Test
    void aRefusalSaysWhatWasRefusedAndWhatItNeeds() {
        Caller viewer = Caller.configured("view", List.of("viewer"), List.of("team-a"), "u");
        assertThatThrownBy(() -> viewer.require(Role.DEVELOPER, "create flows", "x"))
            .hasMessage("role viewer may not create flows in namespace x (needs developer)");
        assertThatThrownBy(() -> viewer.require(Role.VIEWER, "read flows", "team-b"))
            .hasMessage("view may not read flows in namespace team-b (its namespaces: team-a)");
    }

    @Test
    void aBadRoleOrPrefixIsRefusedWithItsKey() {
        assertThatThrownBy(() -> Caller.configured("a", List.of("owner"), List.of(), "millrace.security.users[2]"))
            .hasMessage("millrace.security.users[2].roles[0] 'owner' is not a role (one of [viewer, operator, developer, admin])");
        assertThatThrownBy(() -> Caller.configured("a", List.of("viewer"), List.of("team-*"), "millrace.security.tokens[0]"))
            .hasMessageStartingWith("millrace.security.tokens[0].namespaces[0] 'team-*' is not a namespace prefix");
        assertThatThrownBy(() -> Caller.configured("a", List.of("viewer"), List.of(" "), "t"))
            .hasMessageStartingWith("t.namespaces[0] ' ' is not a namespace prefix");
    }
}
