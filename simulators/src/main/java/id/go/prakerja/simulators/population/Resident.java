package id.go.prakerja.simulators.population;

import java.time.LocalDate;

/**
 * One person known to the civil registry (Dukcapil), as the synthetic population describes them.
 * Names and places are upper case, as printed on a KTP.
 *
 * @param nik          16-digit population number {@code PPKKCC DDMMYY SSSS}
 * @param kkNumber     16-digit family card number; shared by members of one household
 * @param regencyCode  4-digit {@code PPKK} code of the regency/city where the person is registered
 * @param phone        the mobile number this synthetic person uses, E.164 ({@code +628…}); not part
 *                     of any Dukcapil answer, but it lets tests register the person and read their
 *                     OTP, and it is the number their e-wallets are registered on
 */
public record Resident(
        String nik,
        String kkNumber,
        String fullName,
        Sex sex,
        String birthPlace,
        LocalDate birthDate,
        String provinceCode,
        String provinceName,
        String regencyCode,
        String regencyName,
        String phone) {
}
