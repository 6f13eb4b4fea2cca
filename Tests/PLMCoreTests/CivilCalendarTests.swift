import PLMCore
import Testing

@Suite("Civil calendar")
struct CivilCalendarTests {
    /// Day numbers from Python: `(datetime.date(y, m, d) - datetime.date(1970, 1, 1)).days`.
    @Test(arguments: [
        (1970, 1, 1, 0), (1969, 12, 31, -1), (2000, 3, 1, 11017), (2026, 1, 15, 20468),
        (1900, 3, 1, -25508), (2024, 2, 29, 19782), (2100, 3, 1, 47541), (1600, 1, 1, -135140),
    ])
    func dayNumbers(year: Int, month: Int, day: Int, days: Int) {
        #expect(CivilCalendar.daysSince1970(year: year, month: month, day: day) == days)
        let back = CivilCalendar.date(daysSince1970: days)
        #expect(back.year == year && back.month == month && back.day == day)
    }

    /// Every day from 1600 to 2400 round-trips and consecutive days are one apart.
    @Test func roundTripOverFourCenturies() {
        var expected = CivilCalendar.daysSince1970(year: 1600, month: 1, day: 1)
        for year in 1600...2400 {
            for month in 1...12 {
                for day in 1...CivilCalendar.daysIn(month: month, year: year) {
                    let days = CivilCalendar.daysSince1970(year: year, month: month, day: day)
                    #expect(days == expected)
                    expected += 1
                }
            }
        }
        // 801 years; leap years: 201 years in 1600...2400 divisible by 4, minus the six century
        // years not divisible by 400 (1700 1800 1900 2100 2200 2300) = 195 -> 801 * 365 + 195 days.
        #expect(expected - CivilCalendar.daysSince1970(year: 1600, month: 1, day: 1) == 801 * 365 + 195)
    }

    @Test(arguments: [(2023, 2, 28), (2024, 2, 29), (1900, 2, 28), (2000, 2, 29), (2026, 4, 30), (2026, 12, 31)])
    func monthLengths(year: Int, month: Int, days: Int) {
        #expect(CivilCalendar.daysIn(month: month, year: year) == days)
    }
}
