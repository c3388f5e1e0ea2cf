import XCTest
@testable import WaziKit

final class DateTests: XCTestCase {
    func testDaysParseOnlyRealDates() {
        XCTAssertEqual(Day(iso: "2024-02-29")?.iso, "2024-02-29")
        XCTAssertNil(Day(iso: "2025-02-29"))
        XCTAssertNil(Day(iso: "2025-13-01"))
        XCTAssertNil(Day(iso: "2025-6-1"))
        XCTAssertNil(Day(iso: "2025-06"))
    }

    func testPlanDatesKeepTheirPrecision() throws {
        let month = try XCTUnwrap(PlanDate(iso: "2025-06"))
        XCTAssertEqual(month.precision, .month)
        XCTAssertEqual(month.iso, "2025-06")
        XCTAssertEqual(month.first.iso, "2025-06-01")
        XCTAssertEqual(month.last.iso, "2025-06-30")
        XCTAssertEqual(PlanDate(iso: "2024-02")?.last.iso, "2024-02-29")
        let day = try XCTUnwrap(PlanDate(iso: "2025-06-15"))
        XCTAssertEqual(day.precision, .day)
        XCTAssertEqual(day.iso, "2025-06-15")
        XCTAssertEqual(day.last, day.first)
        XCTAssertNil(PlanDate(iso: "2025-00"))
    }

    func testDayArithmeticAndEpoch() throws {
        let day = try XCTUnwrap(Day(iso: "2025-12-31"))
        XCTAssertEqual(day.adding(days: 1).iso, "2026-01-01")
        XCTAssertEqual(Day(julianDay: day.julianDay), day)
        XCTAssertEqual(try XCTUnwrap(Day(iso: "2026-03-01")).days(since: try XCTUnwrap(Day(iso: "2026-02-01"))), 28)
        XCTAssertEqual(Day(unixTime: 0).iso, "1970-01-01")
        XCTAssertEqual(Day(unixTime: 1_764_201_600).iso, "2025-11-27")
    }

    func testAsOfPrefersFlagThenSourceDateEpoch() throws {
        XCTAssertEqual(try AsOf.resolve("2026-01-02", environment: ["SOURCE_DATE_EPOCH": "0"]).iso, "2026-01-02")
        XCTAssertEqual(try AsOf.resolve(nil, environment: ["SOURCE_DATE_EPOCH": "86400"]).iso, "1970-01-02")
        XCTAssertThrowsError(try AsOf.resolve("2026-02-30"))
        XCTAssertThrowsError(try AsOf.resolve(nil, environment: ["SOURCE_DATE_EPOCH": "soon"]))
    }

    func testClockTimes() {
        XCTAssertEqual(ClockTime("09:30")?.description, "09:30")
        XCTAssertNil(ClockTime("24:00"))
        XCTAssertNil(ClockTime("9:30"))
    }
}
