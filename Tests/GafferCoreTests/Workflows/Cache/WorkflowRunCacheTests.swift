@testable import GafferCore
import Testing

@Suite("Workflow run cache")
struct WorkflowRunCacheTests {
  @Test("least recently used is evicted first; a run taken and put back is the newest")
  func leastRecentlyUsed() {
    var cache = WorkflowRunCache<String>(capacity: 2)
    cache.put("a", runID: "a")
    cache.put("b", runID: "b")
    #expect(cache.take(runID: "a") == "a")
    cache.put("a", runID: "a")
    #expect(cache.put("c", runID: "c") == ["b"])
    #expect(cache.take(runID: "b") == nil)
    #expect(cache.take(runID: "a") == "a")
    #expect(cache.hits == 2)
    #expect(cache.misses == 1)
    #expect(cache.evictions[.full] == 1)
  }

  @Test("a run's first task is neither a hit nor a miss")
  func firstTask() {
    var cache = WorkflowRunCache<String>(capacity: 2)
    #expect(cache.take(runID: "a", isFirstTask: true) == nil)
    #expect(cache.misses == 0)
    #expect(cache.take(runID: "a") == nil)
    #expect(cache.misses == 1)
  }

  @Test("capacity 0 keeps nothing: every put evicts the run at once")
  func zero() {
    var cache = WorkflowRunCache<String>(capacity: 0)
    #expect(cache.put("a", runID: "a") == ["a"])
    #expect(cache.count == 0)
  }
}
