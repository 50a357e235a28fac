internal import Foundation
internal import GafferCore

/// The demo's load comes from a small client written with the official
/// Python SDK (Gaffer has no client API yet): it starts `DemoOrder`
/// workflows at a steady rate on the demo's task queue, and Gaffer runs
/// both the workflows (`DemoWorkflows`) and their activities.
enum DemoDriver {
  static let installHint = "pip install temporalio"

  /// What is missing, as a phrase for the demo's one message; nil when
  /// python3 and the SDK are both there.
  static func missingRequirement() -> String? {
    guard let python = findOnPath("python3") else {
      return "python3 (the demo's load driver needs Python 3 with the Temporal SDK; install: \(installHint))"
    }
    let check = Process()
    check.executableURL = URL(fileURLWithPath: python)
    check.arguments = ["-c", "import temporalio"]
    check.standardOutput = FileHandle.nullDevice
    check.standardError = FileHandle.nullDevice
    do {
      try check.run()
      check.waitUntilExit()
    } catch {
      return "a python3 that runs (\(error))"
    }
    guard check.terminationStatus == 0 else {
      return "the Temporal Python SDK (the demo's load driver; install: \(installHint))"
    }
    return nil
  }

  static func start(
    address: ServerAddress, namespace: String, taskQueue: String, rate: Double, logDirectory: String
  ) throws -> ChildProcess {
    let script = "\(logDirectory)/demo_driver.py"
    try Self.script.write(toFile: script, atomically: true, encoding: .utf8)
    return try ChildProcess(
      name: "demo load driver",
      arguments: [
        "python3", script, "--address", "\(address)", "--namespace", namespace, "--task-queue", taskQueue,
        "--rate", "\(rate)",
      ],
      logPath: "\(logDirectory)/demo-driver.log")
  }

  static let script = #"""
    """Gaffer demo load driver (official Temporal Python SDK).

    Starts a DemoOrder workflow on the demo task queue every 1/rate seconds;
    Gaffer runs the workflow (in Swift) and the one activity it schedules.
    Exits on SIGTERM, or when the process that started it goes away.
    """
    import argparse
    import asyncio
    import os
    import random
    import signal
    import uuid

    from temporalio.client import Client


    def next_step(n: int) -> dict:
        kind = random.choices(
            ["lookup_customer", "resize_images", "send_email", "charge_card", "validate_address", "render_invoice_pdf"],
            weights=[40, 15, 12, 15, 12, 6],
        )[0]
        if kind == "lookup_customer":
            return {"activity": kind, "input": n, "start_to_close": 30}
        if kind == "resize_images":
            return {"activity": kind, "input": random.randint(4, 16), "start_to_close": 120, "heartbeat_timeout": 10}
        if kind == "send_email":
            return {"activity": kind, "input": f"customer-{n}@example.com", "start_to_close": 60}
        if kind == "charge_card":
            return {"activity": kind, "input": random.randint(100, 50000), "start_to_close": 30}
        if kind == "validate_address":
            return {"activity": kind, "input": f"{n} Market Street", "start_to_close": 30}
        return {"activity": kind, "input": random.randint(1, 12), "start_to_close": 60}


    async def main() -> None:
        parser = argparse.ArgumentParser()
        parser.add_argument("--address", required=True)
        parser.add_argument("--namespace", default="default")
        parser.add_argument("--task-queue", required=True)
        parser.add_argument("--rate", type=float, default=5.0)
        args = parser.parse_args()

        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for number in (signal.SIGTERM, signal.SIGINT):
            loop.add_signal_handler(number, stop.set)
        parent = os.getppid()

        client = await Client.connect(args.address, namespace=args.namespace)
        run = uuid.uuid4().hex[:6]
        n = 0
        interval = 1.0 / args.rate
        next_at = loop.time()
        while not stop.is_set() and os.getppid() == parent:
            n += 1
            await client.start_workflow(
                "DemoOrder", next_step(n), id=f"demo-{run}-{n}", task_queue=args.task_queue
            )
            next_at += interval
            try:
                await asyncio.wait_for(stop.wait(), timeout=max(0.0, next_at - loop.time()))
            except asyncio.TimeoutError:
                pass


    if __name__ == "__main__":
        asyncio.run(main())
    """#
}
