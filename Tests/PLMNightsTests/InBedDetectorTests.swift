import PLMCore
import Testing

@testable import PLMNights

/// In-bed detection on constructed epochs: one confounder at a time. The recording starts at
/// 08:00 (minute 0); expected spans are the constructed ones, in seconds since the start.
@Suite("In-bed detection on constructed epochs")
struct InBedDetectorTests {
    let detector = InBedDetector()

    func hours(_ h: Double) -> Double { h * 3600 }

    @Test("A day then a night: one night from lights off to getting up, nothing else")
    func dayAndNight() {
        var day = ConstructedDay()
        day.addDay(hours: 14)  // 08:00-22:00
        day.add(.lyingQuiet, hours: 8)  // 22:00-06:00
        day.addDay(hours: 2)
        let found = detector.detect(legs: [day.epochs])
        #expect(found.uprightFound)
        #expect(found.nights.map(\.span) == [TimeSpan(startS: hours(14), endS: hours(22))])
        #expect(found.naps.isEmpty)
        #expect(found.nonWear.isEmpty)
        #expect(found.lyingAwake.isEmpty)
    }

    @Test("Sofa evening with legs up, a short walk, then bed: the sofa is lying awake, not the night")
    func sofaEvening() {
        var day = ConstructedDay()
        day.addDay(hours: 12)  // 08:00-20:00
        day.add(.lyingRestless, hours: 2.5)  // sofa 20:00-22:30
        day.add(.walking, minutes: 5)
        day.add(.lyingQuiet, hours: 8)  // 22:35-06:35
        day.addDay(hours: 1)
        let found = detector.detect(legs: [day.epochs])
        let bedStart = hours(14.5) + 300
        #expect(found.nights.map(\.span) == [TimeSpan(startS: bedStart, endS: bedStart + hours(8))])
        #expect(found.lyingAwake == [TimeSpan(startS: hours(12), endS: hours(14.5))])
        #expect(found.naps.isEmpty)
    }

    @Test("A one-hour afternoon nap is a nap, never a night")
    func nap() {
        var day = ConstructedDay()
        day.addDay(hours: 6)  // 08:00-14:00
        day.add(.lyingQuiet, hours: 1)  // nap 14:00-15:00
        day.addDay(hours: 7)  // 15:00-22:00
        day.add(.lyingQuiet, hours: 8)
        let found = detector.detect(legs: [day.epochs])
        #expect(found.naps.map(\.span) == [TimeSpan(startS: hours(6), endS: hours(7))])
        #expect(found.nights.map(\.span) == [TimeSpan(startS: hours(14), endS: hours(22))])
    }

    @Test("The sensor on a table for two hours is non-wear, never a period")
    func nonWear() {
        var day = ConstructedDay()
        day.addDay(hours: 2)  // 08:00-10:00
        day.add(.table, hours: 2)  // 10:00-12:00
        day.addDay(hours: 10)
        let found = detector.detect(legs: [day.epochs])
        #expect(found.nonWear == [TimeSpan(startS: hours(2), endS: hours(4))])
        #expect(found.nights.isEmpty)
        #expect(found.naps.isEmpty)
    }

    @Test("Non-wear follows van Hees: an axis is still only below 13 mg SD and 50 mg range")
    func nonWearThresholds() {
        func window(sdG: Double, rangeG: Double) -> [MinuteEpoch] {
            (0..<60).map { _ in ConstructedDay.epoch(ConstructedDay.table, sdG: sdG, moving: 0, walking: 0, rangeG: rangeG) }
        }
        #expect(NonWearDetector.nonWearMinutes(window(sdG: 0.012, rangeG: 0.049)).allSatisfy { $0 })
        #expect(NonWearDetector.nonWearMinutes(window(sdG: 0.014, rangeG: 0.049)).allSatisfy { !$0 })
        #expect(NonWearDetector.nonWearMinutes(window(sdG: 0.012, rangeG: 0.051)).allSatisfy { !$0 })
        // 59 minutes is shorter than one window: never non-wear.
        #expect(NonWearDetector.nonWearMinutes(Array(window(sdG: 0.001, rangeG: 0.001).prefix(59))).allSatisfy { !$0 })
    }

    @Test("A night that starts after midnight and one that starts before are both found")
    func nightsAcrossMidnight() {
        var day = ConstructedDay()
        day.addDay(hours: 16.5)  // 08:00-00:30
        day.add(.lyingQuiet, hours: 7.5)  // 00:30-08:00
        day.addDay(hours: 14)  // 08:00-22:00
        day.add(.lyingQuiet, hours: 8)  // 22:00-06:00
        let found = detector.detect(legs: [day.epochs])
        #expect(
            found.nights.map(\.span) == [
                TimeSpan(startS: hours(16.5), endS: hours(24)), TimeSpan(startS: hours(38), endS: hours(46)),
            ])
    }

    @Test("A bathroom trip in the night does not split it")
    func bathroomTrip() {
        var day = ConstructedDay()
        day.addDay(hours: 14)
        day.add(.lyingQuiet, hours: 4)
        day.add(.walking, minutes: 6)
        day.add(.lyingQuiet, hours: 4)
        day.addDay(hours: 1)
        let found = detector.detect(legs: [day.epochs])
        #expect(found.nights.map(\.span) == [TimeSpan(startS: hours(14), endS: hours(22) + 360)])
    }

    @Test("A night shorter than the minimum is a nap; the minimum is an option")
    func nightMinimum() {
        var day = ConstructedDay()
        day.addDay(hours: 14)
        day.add(.lyingQuiet, hours: 2.5)
        day.addDay(hours: 1)
        #expect(detector.detect(legs: [day.epochs]).nights.isEmpty)
        #expect(detector.detect(legs: [day.epochs]).naps.count == 1)
        var rules = InBedRules()
        rules.nightMinimumHours = 2
        #expect(InBedDetector(rules: rules).detect(legs: [day.epochs]).nights.count == 1)
    }

    @Test("A recording of one night without any walking: the whole recording is the night")
    func oneNightOnly() {
        var day = ConstructedDay()
        day.add(.lyingRestless, minutes: 15)
        day.add(.lyingQuiet, hours: 7)
        let found = detector.detect(legs: [day.epochs])
        #expect(!found.uprightFound)
        #expect(found.nights.map(\.span) == [TimeSpan(startS: 0, endS: hours(7.25))])
    }

    @Test("A day without rest has no in-bed period")
    func dayOnly() {
        var day = ConstructedDay()
        day.addDay(hours: 9)
        let found = detector.detect(legs: [day.epochs])
        #expect(found.nights.isEmpty && found.naps.isEmpty && found.lyingAwake.isEmpty)
    }

    @Test("Two legs: a minute is lying only when both legs lie; non-wear of one leg is non-wear")
    func twoLegs() {
        var left = ConstructedDay()
        left.addDay(hours: 14)
        left.add(.lyingQuiet, hours: 8)
        var right = ConstructedDay()
        right.addDay(hours: 2)
        right.add(.table, hours: 2)
        right.addDay(hours: 10)
        right.add(.lyingQuiet, hours: 8)
        let found = detector.detect(legs: [left.epochs, right.epochs])
        #expect(found.nonWear == [TimeSpan(startS: hours(2), endS: hours(4))])
        #expect(found.nights.map(\.span) == [TimeSpan(startS: hours(14), endS: hours(22))])
        // The left leg was worn throughout: the recording was worn; the right leg's table time is its own.
        #expect(found.noLegWorn.isEmpty)
        #expect(found.nonWearByLeg == [[], [TimeSpan(startS: hours(2), endS: hours(4))]])
    }

    /// The right sensor comes off at 01:00 and lies still for two hours (on the mattress or a
    /// table) before it is put back; the left leg lies quietly all night. The 60-min windows step
    /// by 15 min from 08:00, so the 2-h span from 17 h is found exactly.
    @Test("One leg's sensor off for two hours of the night: the night stays whole on the other leg")
    func oneLegOffInTheNight() {
        var left = ConstructedDay()
        left.addDay(hours: 14)  // 08:00-22:00
        left.add(.lyingQuiet, hours: 8)  // 22:00-06:00
        left.addDay(hours: 2)
        var right = ConstructedDay()
        right.addDay(hours: 14)
        right.add(.lyingQuiet, hours: 3)  // 22:00-01:00
        right.add(.table, hours: 2)  // 01:00-03:00
        right.add(.lyingQuiet, hours: 3)  // 03:00-06:00
        right.addDay(hours: 2)
        let found = detector.detect(legs: [left.epochs, right.epochs])
        #expect(found.nights.map(\.span) == [TimeSpan(startS: hours(14), endS: hours(22))])
        #expect(found.naps.isEmpty)
        #expect(found.nonWear == [TimeSpan(startS: hours(17), endS: hours(19))])
        #expect(found.noLegWorn.isEmpty)
        #expect(found.nonWearByLeg == [[], [TimeSpan(startS: hours(17), endS: hours(19))]])
    }

    /// The right sensor lies on a table all day (charging) and is put on at bedtime: it has no
    /// walking, so no upright direction of its own. Posture comes from the left leg, which has one;
    /// the day stays a day.
    @Test("One sensor off all day: posture from the leg that walked, one night")
    func oneLegOffAllDay() {
        var left = ConstructedDay()
        left.addDay(hours: 14)  // 08:00-22:00
        left.add(.lyingQuiet, hours: 8)  // 22:00-06:00
        left.addDay(hours: 2)
        var right = ConstructedDay()
        right.add(.table, hours: 14)
        right.add(.lyingQuiet, hours: 8)
        right.add(.table, hours: 2)
        let found = detector.detect(legs: [left.epochs, right.epochs])
        #expect(found.uprightFound)
        #expect(found.nights.map(\.span) == [TimeSpan(startS: hours(14), endS: hours(22))])
        #expect(found.naps.isEmpty)
        #expect(found.noLegWorn.isEmpty)
    }

    @Test("Both sensors off for two hours: no leg worn, never part of a period")
    func bothLegsOff() {
        var legs = [ConstructedDay(), ConstructedDay()]
        for k in legs.indices {
            legs[k].addDay(hours: 2)  // 08:00-10:00
            legs[k].add(.table, hours: 2)  // 10:00-12:00
            legs[k].addDay(hours: 10)
        }
        let found = detector.detect(legs: legs.map(\.epochs))
        let off = [TimeSpan(startS: hours(2), endS: hours(4))]
        #expect(found.nonWear == off && found.noLegWorn == off && found.nonWearByLeg == [off, off])
        #expect(found.nights.isEmpty && found.naps.isEmpty)
    }
}
