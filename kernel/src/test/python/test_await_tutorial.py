"""Sections 1-8 of the asyncio tutorial (seed 002), rewritten in Java, run as a notebook through the real kernel.

The notebook (resources/await_tutorial_sections_1_8.ipynb) holds the lesson's cells c01-c29; nbclient executes it
once with kernel_name java-async, as Jupyter would, and each test checks what one cell printed against what the
tutorial's text says it shows: timings (concurrent is ~2 s, not 6), orders (who got the lock first, when the
callback ran) and counts (five workers, at most two at a time).
"""
import os
import re
import time
import unittest

import nbclient
import nbformat

from kernel_support import KERNEL_NAME

NOTEBOOK = os.path.join(os.path.dirname(__file__), "resources", "await_tutorial_sections_1_8.ipynb")


def elapsed(text, label):
    """The seconds printed after `label` (as the cells print them: "总耗时: 2.01 秒")."""
    match = re.search(re.escape(label) + r"\s*:?\s*([0-9]+\.[0-9]+)", text)
    if match is None:
        raise AssertionError("no %r time in %r" % (label, text))
    return float(match.group(1))


class TutorialNotebook(unittest.TestCase):
    """One run of the whole notebook; the tests read its outputs."""

    @classmethod
    def setUpClass(cls):
        cls.nb = nbformat.read(NOTEBOOK, as_version=4)
        client = nbclient.NotebookClient(cls.nb, kernel_name=KERNEL_NAME, timeout=180, startup_timeout=120,
                                         allow_errors=True)
        t0 = time.monotonic()
        client.execute()
        cls.run_seconds = time.monotonic() - t0
        cls.cells = {c.id: c for c in cls.nb.cells if c.cell_type == "code"}

    def out(self, cell_id):
        """Everything the cell printed on stdout, as one string."""
        cell = self.cells[cell_id]
        return "".join(o.text for o in cell.outputs if o.output_type == "stream" and o.name == "stdout")

    def lines(self, cell_id):
        return [line for line in self.out(cell_id).splitlines() if line.strip()]

    def assert_before(self, lines, first, second):
        self.assertLess(lines.index(first), lines.index(second), "%r not before %r in %r" % (first, second, lines))

    def test_every_cell_of_sections_1_to_8_runs_without_an_error(self):
        errors = {cid: [o.ename + ": " + o.evalue for o in c.outputs if o.output_type == "error"]
                  for cid, c in self.cells.items()}
        self.assertEqual({cid: e for cid, e in errors.items() if e}, {})
        self.assertGreaterEqual(len(self.cells), 30)

    def test_the_synchronous_version_takes_the_sum_of_its_three_sleeps(self):
        self.assertGreaterEqual(elapsed(self.out("c01"), "总耗时"), 6.0)

    def test_three_concurrent_2_second_tasks_take_about_2_seconds_not_6(self):
        text = self.out("c02")
        self.assertTrue(1.8 <= elapsed(text, "总耗时") <= 2.5, text)
        lines = self.lines("c02")
        # All three start before any finishes: they ran concurrently, and gather kept the input order.
        for name in "ABC":
            self.assert_before(lines, "任务 C 开始", "任务 %s 完成" % name)
        self.assertIn("结果: [A 结果, B 结果, C 结果]", lines)

    def test_a_coroutine_object_runs_only_when_awaited(self):
        lines = self.lines("c03")
        self.assertTrue(lines[0].startswith("协程对象: "), lines)
        self.assert_before(lines, "类型: org.javaasync.runtime.Coroutine", "协程开始执行")
        self.assertEqual(lines[-1], "返回值: 协程返回值")

    def test_sequential_awaits_add_up_and_gather_overlaps(self):
        text = self.out("c08")
        self.assertGreaterEqual(elapsed(text, "顺序执行耗时"), 2.0)
        self.assertTrue(1.0 <= elapsed(text, "并发执行耗时") <= 1.5, text)

    def test_a_coroutine_a_task_and_a_future_can_all_be_awaited(self):
        self.assertEqual(self.lines("c09"), ["协程: 协程结果", "Task: Task 结果", "Future: Future 结果"])

    def test_create_task_then_other_work_then_await_overlaps_the_work_with_the_tasks(self):
        lines = self.lines("c12")
        self.assertEqual(lines[:3], ["任务已创建并调度，开始执行其他操作...", "等待任务完成...",
                                     "结果: Worker Task1 完成, Worker Task2 完成"])
        seconds = elapsed(self.out("c12"), "总耗时")
        self.assertTrue(1.95 <= seconds <= 2.6, "%.2f s, the longest task is 2 s (sequential would be 3.5)" % seconds)

    def test_wait_all_completed_returns_every_task_done(self):
        self.assertIn("已完成: 3, 待完成: 0", self.lines("c13"))

    def test_wait_first_completed_returns_after_the_first_task_with_the_others_pending(self):
        text = self.out("c13b")
        match = re.search(r"([0-9.]+) 秒后返回 —— 已完成: (\d+), 待完成: (\d+)", text)
        self.assertIsNotNone(match, text)
        self.assertTrue(0.95 <= float(match.group(1)) <= 1.5, text)
        self.assertEqual((match.group(2), match.group(3)), ("1", "2"))
        self.assertIn("  - Worker W1 完成", text.splitlines())
        self.assertIn("W1 已取消: false", text)
        self.assertIn("W2 已取消: true", text)
        self.assertIn("W3 已取消: true", text)

    def test_wait_for_times_out_after_its_timeout_not_after_the_operation(self):
        text = self.out("c14")
        self.assertNotIn("结果: 完成", text)
        self.assertTrue(0.95 <= elapsed(text, "操作超时！（") <= 1.6, text)

    def test_the_cell_runs_on_a_running_loop_and_is_the_current_task(self):
        self.assertIn("是否运行中: true", self.lines("c15"))
        current = next(line for line in self.lines("c20") if line.startswith("当前任务"))
        self.assertRegex(current, r"name='cell\[\d+\]'")

    def test_a_created_task_is_not_done_until_awaited_and_then_has_its_result(self):
        lines = self.lines("c18")
        self.assert_before(lines, "Task 状态: false", "任务 5 完成")
        self.assert_before(lines, "任务 5 开始", "任务 5 完成")
        self.assertEqual(lines[-2:], ["结果: 10", "Task 状态: true"])

    def test_cancelling_a_task_before_it_runs_marks_it_cancelled(self):
        self.assertEqual(self.lines("c19"), ["isDone(): false", "isCancelled(): false", "任务被取消",
                                             "isCancelled(): true"])

    def test_cancelling_a_running_task_runs_its_finally_which_may_await(self):
        self.assertEqual(self.lines("c19b"), ["大文件: 开始下载", "大文件: 清理临时文件...", "大文件: 清理完毕",
                                              "任务被取消: true"])

    def test_a_future_callback_runs_soon_after_the_result_is_set_not_inside_set_result(self):
        self.assertEqual(self.lines("c22"), ["结果已设置，回调在排队", "回调被触发，结果: 完成"])

    def test_async_iteration_and_async_generators_yield_in_order(self):
        self.assertEqual(self.lines("c23"), ["数字: %d" % i for i in range(1, 5)])
        self.assertEqual(self.lines("c24"), ["生成的数字: %d" % i for i in range(10, 15)])

    def test_an_async_resource_is_released_after_use_and_before_the_context_exits(self):
        self.assertEqual(self.lines("c25"), ["获取资源...", "资源已获取", "使用资源执行操作", "释放资源...", "资源已释放",
                                             "上下文已退出"])

    def test_the_lock_lets_one_task_at_a_time_so_no_increment_is_lost(self):
        lines = self.lines("c26")
        expected = []
        for i in (1, 2, 3):
            expected += ["任务%d 获得锁" % i, "任务%d 释放锁，资源值: %d" % (i, i)]
        self.assertEqual(lines, expected + ["最终资源值: 3"])

    def test_semaphore_of_2_runs_five_workers_at_most_two_at_a_time_in_three_rounds(self):
        lines = self.lines("c27")
        running, most = 0, 0
        for line in lines:
            if line.endswith("开始工作"):
                running += 1
                most = max(most, running)
            elif line.endswith("完成工作"):
                running -= 1
        self.assertEqual(most, 2, lines)
        self.assertEqual(sum(1 for line in lines if line.endswith("完成工作")), 5)
        self.assertEqual([line for line in lines if line.endswith("开始工作")],
                         ["工人%d 开始工作" % i for i in range(1, 6)])
        seconds = elapsed(self.out("c27"), "总耗时")
        self.assertTrue(2.95 <= seconds <= 3.8, "%.2f s for 3 rounds of 1 s" % seconds)

    def test_an_event_releases_both_waiters_only_after_it_is_set(self):
        lines = self.lines("c28")
        self.assertEqual(sorted(lines[:2]), ["等待者1 等待事件...", "等待者2 等待事件..."])
        self.assertEqual(lines[2], "设置事件...")
        self.assertEqual(sorted(lines[3:5]), ["等待者1 收到事件信号！", "等待者2 收到事件信号！"])
        self.assertTrue(1.95 <= elapsed(self.out("c28"), "总耗时") <= 2.6, lines)

    def test_a_bounded_queue_with_two_producers_and_two_consumers_delivers_each_item_once_then_joins(self):
        lines = self.lines("c29")
        produced = [re.search(r"生产: (\S+),", line).group(1) for line in lines if line.startswith("生产者")]
        consumed = [line.split("消费: ")[1] for line in lines if line.startswith("消费者")]
        items = sorted("%s-项目%d" % (p, i) for p in ("P1", "P2") for i in range(3))
        self.assertEqual(sorted(produced), items)
        self.assertEqual(sorted(consumed), items)  # each exactly once: join waited for every taskDone
        for item in items:
            self.assert_before(lines, next(l for l in lines if "生产: " + item + "," in l),
                               next(l for l in lines if l.endswith("消费: " + item)))
        sizes = [int(re.search(r"队列大小: (\d+)", line).group(1)) for line in lines if line.startswith("生产者")]
        self.assertLessEqual(max(sizes), 3)  # maxsize=3
        self.assertEqual({line.split(" ")[1] for line in lines if line.startswith("消费者")}, {"C1", "C2"})
        self.assertEqual(lines[-1], "所有任务完成")


if __name__ == "__main__":
    unittest.main()
