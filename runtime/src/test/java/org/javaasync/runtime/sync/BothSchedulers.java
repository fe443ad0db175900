package org.javaasync.runtime.sync;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Runs a test once per scheduler: the same behaviour must hold on loop-carried virtual threads and the fallback. */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@ParameterizedTest(name = "{0}")
@EnumSource(org.javaasync.runtime.EventLoop.Scheduler.class)
@interface BothSchedulers {}
