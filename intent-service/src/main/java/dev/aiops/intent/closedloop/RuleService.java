package dev.aiops.intent.closedloop;

import dev.aiops.model.cnf.Rule;
import dev.aiops.model.cnf.RuleDecisionView;
import dev.aiops.model.cnf.RuleView;
import dev.aiops.model.error.ErrorCode;
import dev.aiops.model.error.FieldViolation;
import dev.aiops.model.paging.PageQuery;
import dev.aiops.model.paging.PagedResponse;
import dev.aiops.platform.error.ApiException;
import java.util.List;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Rules CRUD: a condition is compiled and type-checked for its source before anything is written, every
 * change is a new version with its history row, and the catalog of this replica refreshes once the change
 * has committed (other replicas follow within their poll interval).
 */
@Service
class RuleService {

    private final RuleStore store;
    private final RuleConditions conditions;
    private final RuleCatalog catalog;
    private final DecisionLog decisions;

    RuleService(RuleStore store, RuleConditions conditions, RuleCatalog catalog, DecisionLog decisions) {
        this.store = store;
        this.conditions = conditions;
        this.catalog = catalog;
        this.decisions = decisions;
    }

    @Transactional
    RuleView create(Rule rule, String by) {
        check(rule);
        try {
            RuleView created = store.insert(UUID.randomUUID(), rule, by);
            refreshAfterCommit();
            return created;
        } catch (DuplicateKeyException e) {
            throw nameTaken(rule);
        }
    }

    @Transactional
    RuleView update(UUID id, Rule rule, String by) {
        check(rule);
        try {
            RuleView updated = store.update(id, rule, by).orElseThrow(() -> notFound(id));
            refreshAfterCommit();
            return updated;
        } catch (DuplicateKeyException e) {
            throw nameTaken(rule);
        }
    }

    @Transactional
    void delete(UUID id, String by) {
        if (!store.delete(id, by)) {
            throw notFound(id);
        }
        refreshAfterCommit();
    }

    @Transactional(readOnly = true)
    RuleView get(UUID id) {
        return store.find(id).filter(view -> !view.deleted()).orElseThrow(() -> notFound(id));
    }

    @Transactional(readOnly = true)
    PagedResponse<RuleView> list(PageQuery paging) {
        return store.list(paging);
    }

    @Transactional(readOnly = true)
    List<RuleStore.RuleVersion> history(UUID id) {
        List<RuleStore.RuleVersion> versions = store.history(id);
        if (versions.isEmpty()) {
            throw notFound(id);
        }
        return versions;
    }

    @Transactional(readOnly = true)
    PagedResponse<RuleDecisionView> decisions(DecisionLog.Filter filter, PageQuery paging) {
        return decisions.list(filter, paging);
    }

    /** The checks Bean Validation cannot make: the condition must compile and type-check for the source. */
    private void check(Rule rule) {
        var compiled = conditions.compile(rule.source(), rule.condition());
        if (compiled.condition().isEmpty()) {
            throw ApiException.validation(List.of(new FieldViolation(
                    "condition",
                    "does not compile for source " + rule.source().name().toLowerCase(java.util.Locale.ROOT) + ": "
                            + firstLine(compiled.error()))));
        }
        if (rule.target().selectsByLabel()) {
            try {
                LabelSelectors.parse(rule.target().selector(), rule.target().labels());
            } catch (LabelSelectors.InvalidSelector e) {
                throw ApiException.validation(List.of(new FieldViolation(
                        rule.target().selector() != null ? "target.selector" : "target.labels", e.getMessage())));
            }
        }
    }

    private static String firstLine(String error) {
        String line = error.strip().lines().findFirst().orElse(error);
        return line.length() > 300 ? line.substring(0, 300) : line;
    }

    private void refreshAfterCommit() {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    catalog.refreshChanged();
                }
            });
        }
    }

    private static ApiException nameTaken(Rule rule) {
        return new ApiException(
                ErrorCode.CONFLICT,
                "name: a rule named " + rule.name() + " exists",
                List.of(new FieldViolation("name", "a rule with this name exists")));
    }

    private static ApiException notFound(UUID id) {
        return new ApiException(ErrorCode.RULE_NOT_FOUND, "No rule " + id);
    }
}
