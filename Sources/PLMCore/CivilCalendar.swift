/// The proleptic Gregorian calendar in integer arithmetic: dates to day counts since 1970-01-01
/// and back, without Foundation (whose `Calendar` is far too slow for per-row use and depends on
/// the machine's time zone database).
///
/// The algorithms are H. Hinnant's `days_from_civil` and `civil_from_days` ("chrono-Compatible
/// Low-Level Date Algorithms"), exact for every date in the range of `Int`.
public enum CivilCalendar {
    /// Days since 1970-01-01 of a date (month 1-12, day 1-31; not validated).
    @inlinable
    public static func daysSince1970(year y0: Int, month m: Int, day d: Int) -> Int {
        let y = m <= 2 ? y0 - 1 : y0
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// The date of a day count since 1970-01-01.
    @inlinable
    public static func date(daysSince1970 z0: Int) -> (year: Int, month: Int, day: Int) {
        let z = z0 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }

    /// Days in a month (1-12) of a year.
    @inlinable
    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }
}
