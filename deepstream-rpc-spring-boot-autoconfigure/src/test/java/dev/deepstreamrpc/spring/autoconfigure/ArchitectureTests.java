package dev.deepstreamrpc.spring.autoconfigure;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.MergedAnnotations;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noMembers;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noMethods;

/**
 * Checks the shape of the auto-configuration (STYLE.md rule 3) and the direction of the
 * layers (rule 1) on the main classes.
 */
class ArchitectureTests {

	private static final String AUTOCONFIGURE = "dev.deepstreamrpc.spring.autoconfigure..";

	private static final JavaClasses mainClasses = new ClassFileImporter()
		.withImportOption(new ImportOption.DoNotIncludeTests())
		.importPackages("dev.deepstreamrpc");

	static final ArchRule autoConfigurationClassesArePublicFinalAndConditional = classes().that()
		.areAnnotatedWith(AutoConfiguration.class)
		.should()
		.bePublic()
		.andShould()
		.haveModifier(JavaModifier.FINAL)
		.andShould()
		.beMetaAnnotatedWith(Conditional.class);

	static final ArchRule autoConfigurationClassesHaveNoPublicMembers = noMembers().that()
		.areDeclaredInClassesThat()
		.areAnnotatedWith(AutoConfiguration.class)
		.should()
		.bePublic();

	static final ArchRule configurationClassesArePackagePrivate = classes().that()
		.areAnnotatedWith(Configuration.class)
		.and()
		.resideInAPackage(AUTOCONFIGURE)
		.should()
		.bePackagePrivate();

	static final ArchRule nestedConfigurationClassesAreStatic = classes().that()
		.areMetaAnnotatedWith(Configuration.class)
		.and()
		.areNestedClasses()
		.and()
		.resideInAPackage(AUTOCONFIGURE)
		.should()
		.haveModifier(JavaModifier.STATIC);

	static final ArchRule configurationClassesDoNotProxyBeanMethods = classes().that()
		.areMetaAnnotatedWith(Configuration.class)
		.and()
		.resideInAPackage(AUTOCONFIGURE)
		.should(notProxyBeanMethods());

	static final ArchRule beanMethodsArePackagePrivate = methods().that()
		.areAnnotatedWith(Bean.class)
		.and()
		.areDeclaredInClassesThat()
		.resideInAPackage(AUTOCONFIGURE)
		.should()
		.bePackagePrivate();

	static final ArchRule beanMethodsBackOffWhenUserProvidesBean = methods().that()
		.areAnnotatedWith(Bean.class)
		.and()
		.areDeclaredInClassesThat()
		.resideInAPackage(AUTOCONFIGURE)
		.should()
		.beAnnotatedWith(ConditionalOnMissingBean.class);

	static final ArchRule beanPostProcessorBeanMethodsAreStatic = methods().that()
		.areAnnotatedWith(Bean.class)
		.and()
		.haveRawReturnType(assignableTo(BeanPostProcessor.class))
		.should()
		.beStatic();

	static final ArchRule beanMethodsAreNotConditionalOnClass = noMethods().that()
		.areAnnotatedWith(Bean.class)
		.should()
		.beMetaAnnotatedWith(ConditionalOnClass.class);

	static final ArchRule clientDoesNotDependOnSpring = noClasses().that()
		.resideInAPackage("dev.deepstreamrpc.client..")
		.should()
		.dependOnClassesThat()
		.resideInAnyPackage("org.springframework..", "dev.deepstreamrpc.spring..");

	static final ArchRule springIntegrationDoesNotDependOnAutoConfiguration = noClasses().that()
		.resideInAPackage("dev.deepstreamrpc.spring..")
		.and()
		.resideOutsideOfPackage(AUTOCONFIGURE)
		.should()
		.dependOnClassesThat()
		.resideInAPackage(AUTOCONFIGURE);

	@Test
	void autoConfigurationClassesArePublicFinalAndConditional() {
		autoConfigurationClassesArePublicFinalAndConditional.check(mainClasses);
	}

	@Test
	void autoConfigurationClassesHaveNoPublicMembers() {
		autoConfigurationClassesHaveNoPublicMembers.check(mainClasses);
	}

	@Test
	void configurationClassesArePackagePrivate() {
		configurationClassesArePackagePrivate.check(mainClasses);
	}

	@Test
	void nestedConfigurationClassesAreStatic() {
		nestedConfigurationClassesAreStatic.check(mainClasses);
	}

	@Test
	void configurationClassesDoNotProxyBeanMethods() {
		configurationClassesDoNotProxyBeanMethods.check(mainClasses);
	}

	@Test
	void beanMethodsArePackagePrivate() {
		beanMethodsArePackagePrivate.check(mainClasses);
	}

	@Test
	void beanMethodsBackOffWhenUserProvidesBean() {
		beanMethodsBackOffWhenUserProvidesBean.check(mainClasses);
	}

	@Test
	void beanPostProcessorBeanMethodsAreStatic() {
		beanPostProcessorBeanMethodsAreStatic.check(mainClasses);
	}

	@Test
	void beanMethodsAreNotConditionalOnClass() {
		beanMethodsAreNotConditionalOnClass.check(mainClasses);
	}

	@Test
	void clientDoesNotDependOnSpring() {
		clientDoesNotDependOnSpring.check(mainClasses);
	}

	@Test
	void springIntegrationDoesNotDependOnAutoConfiguration() {
		springIntegrationDoesNotDependOnAutoConfiguration.check(mainClasses);
	}

	private static ArchCondition<JavaClass> notProxyBeanMethods() {
		return new ArchCondition<>("not proxy @Bean methods") {

			@Override
			public void check(JavaClass item, ConditionEvents events) {
				boolean proxyBeanMethods = MergedAnnotations.from(item.reflect())
					.get(Configuration.class)
					.getBoolean("proxyBeanMethods");
				events.add(new SimpleConditionEvent(item, !proxyBeanMethods,
						item.getName() + " has proxyBeanMethods = " + proxyBeanMethods));
			}

		};
	}

}
