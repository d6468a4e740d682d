package dev.aiops.platform.security;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.lang.reflect.AccessibleObject;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.aopalliance.intercept.MethodInvocation;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.expression.ParseException;
import org.springframework.expression.spel.SpelNode;
import org.springframework.expression.spel.ast.VariableReference;
import org.springframework.expression.spel.standard.SpelExpressionParser;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.method.HandleAuthorizationDenied;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.annotation.SecurityAnnotationScanner;
import org.springframework.security.core.annotation.SecurityAnnotationScanners;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Enforces a handler's {@code @PreAuthorize} before Spring MVC reads and validates the request body.
 *
 * <p>Method security runs only when the handler is invoked, after its arguments are resolved: a caller
 * without the role who sends a malformed or invalid body would get a 400 that teaches them the body's rules,
 * instead of the 403 the role asks for. A {@link HandlerInterceptor} runs between handler lookup and
 * argument resolution, so the same rule is asked here first, by Spring Security's own
 * {@link AuthorizationManager} for {@code @PreAuthorize} (same annotation lookup, same expression handler
 * with the role hierarchy and bean references), on the handler method without its arguments. The
 * annotation stays the only place a rule is written; method security still checks it again at the call,
 * which changes nothing for these expressions (they read the caller, not the request).
 *
 * <p>An expression that reads the method's arguments ({@code #id}, {@code #root}, ...) cannot be judged
 * before they exist: such a method is left to method security alone, as before (none in the platform
 * today). A denial throws {@link org.springframework.security.access.AccessDeniedException}, which the
 * platform's problem handler turns into the same 403 problem+json as a denial from method security.
 */
class RoleCheckBeforeBinding implements HandlerInterceptor {

    private static final SpelExpressionParser PARSER = new SpelExpressionParser();

    private final AuthorizationManager<MethodInvocation> preAuthorize;
    private final SecurityAnnotationScanner<PreAuthorize> scanner =
            SecurityAnnotationScanners.requireUnique(PreAuthorize.class);
    private final SecurityContextHolderStrategy contexts = SecurityContextHolder.getContextHolderStrategy();
    /** Per handler method and class: whether its rule can be checked without arguments. */
    private final Map<HandlerKey, Boolean> checkable = new ConcurrentHashMap<>();

    RoleCheckBeforeBinding(AuthorizationManager<MethodInvocation> preAuthorize) {
        this.preAuthorize = preAuthorize;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        // async and error dispatches re-enter with the original call already authorised (or refused)
        if (request.getDispatcherType() != DispatcherType.REQUEST || !(handler instanceof HandlerMethod method)) {
            return true;
        }
        if (!checkable.computeIfAbsent(new HandlerKey(method.getMethod(), method.getBeanType()), this::checkable)) {
            return true;
        }
        Supplier<Authentication> authentication = () -> contexts.getContext().getAuthentication();
        preAuthorize.verify(authentication, new WithoutArguments(method));
        return true;
    }

    private boolean checkable(HandlerKey key) {
        PreAuthorize rule = scanner.scan(key.method(), key.beanType());
        if (rule == null || denialHandled(key)) {
            return false;
        }
        try {
            return !readsVariables(PARSER.parseRaw(rule.value()).getAST());
        } catch (ParseException e) {
            return false; // left to method security, which reports the broken rule as before
        }
    }

    /** A method whose denial answers something else than a refusal keeps that answer: left to method security. */
    private static boolean denialHandled(HandlerKey key) {
        return AnnotatedElementUtils.hasAnnotation(key.method(), HandleAuthorizationDenied.class)
                || AnnotatedElementUtils.hasAnnotation(key.beanType(), HandleAuthorizationDenied.class);
    }

    private static boolean readsVariables(SpelNode node) {
        if (node instanceof VariableReference) {
            return true;
        }
        for (int i = 0; i < node.getChildCount(); i++) {
            if (readsVariables(node.getChild(i))) {
                return true;
            }
        }
        return false;
    }

    private record HandlerKey(Method method, Class<?> beanType) {}

    /** The handler's call before its arguments exist; only what a rule without {@code #variables} reads. */
    private record WithoutArguments(HandlerMethod handler) implements MethodInvocation {

        @Override
        public Method getMethod() {
            return handler.getMethod();
        }

        @Override
        public Object[] getArguments() {
            return new Object[handler.getMethod().getParameterCount()];
        }

        @Override
        public Object proceed() {
            throw new UnsupportedOperationException("only authorised, never invoked");
        }

        @Override
        public Object getThis() {
            return handler.getBean();
        }

        @Override
        public AccessibleObject getStaticPart() {
            return handler.getMethod();
        }
    }
}
