package dev.aiops.porch.packages;

import dev.aiops.model.packages.PackageRevisionSummary;
import dev.aiops.model.paging.PageQuery;
import dev.aiops.model.paging.PagedResponse;
import dev.aiops.platform.web.Pages;
import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

@Service
class PackageService {

    // a package's revisions together, newest revision first
    private static final Sort BY_PACKAGE =
            Sort.by(Sort.Order.asc("packageName"), Sort.Order.desc("revision"), Sort.Order.asc("id"));

    private final PackageRevisionRepository revisions;

    PackageService(PackageRevisionRepository revisions) {
        this.revisions = revisions;
    }

    @Transactional(readOnly = true)
    PagedResponse<PackageRevisionSummary> list(PageQuery paging) {
        return Pages.response(
                revisions.findAll(Pages.pageable(paging, BY_PACKAGE)), paging, PackageRevisionEntity::toSummary);
    }

    @Transactional(readOnly = true)
    PackageRevisionSummary get(String id) {
        return revisions
                .findById(id)
                .map(PackageRevisionEntity::toSummary)
                .orElseThrow(() -> PackageNotFoundException.of(id));
    }
}
