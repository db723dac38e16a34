//! The face flow's uploads: the multipart `photo` part of Enroll Face and Find
//! by Face, checked the way the sandbox promises (a JPEG or PNG by its magic
//! bytes, at most 1 MiB) and remembered by its digest.

use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use sha2::{Digest, Sha256};

/// The largest photo the API takes ("Maximum file size 1 Mb").
pub const MAX_PHOTO: u64 = 1024 * 1024;
/// A whole upload is kept up to this size (the client caps a file part at 10 MiB).
pub const MAX_UPLOAD: usize = 12 * 1024 * 1024;

/// A photo's identity: the same bytes are the same face.
pub type FaceId = [u8; 32];

/// The checked photo of a request, or why there is none (the `reason` of
/// FACE_ENROLLMENT_FAILED).
pub type Photo = Result<FaceId, String>;

/// The request's `photo` part (`body`: the whole request body, or `None`
/// when it was over [`MAX_UPLOAD`]), checked.
pub async fn read_photo(content_type: Option<&str>, body: Option<Bytes>) -> Photo {
    let Some(boundary) = content_type.and_then(|ct| multer::parse_boundary(ct).ok()) else {
        return Err("the request is not multipart/form-data".into());
    };
    let Some(body) = body else {
        return Err(format!(
            "the request is larger than {} MiB",
            MAX_UPLOAD >> 20
        ));
    };
    let limits = multer::SizeLimit::new().for_field("photo", MAX_PHOTO);
    let constraints = multer::Constraints::new().size_limit(limits);
    let stream = Full::new(body).into_data_stream();
    let mut parts = multer::Multipart::with_constraints(stream, boundary, constraints);
    let mut photo: Option<Bytes> = None;
    loop {
        let field = match parts.next_field().await {
            Ok(Some(field)) => field,
            Ok(None) => break,
            Err(e) => return Err(why(e)),
        };
        if photo.is_none() && field.name() == Some("photo") {
            photo = Some(field.bytes().await.map_err(why)?);
        }
        // Any other part is skipped by the next `next_field`.
    }
    let photo = photo.ok_or("no 'photo' part in the request")?;
    check(&photo)?;
    Ok(Sha256::digest(&photo).into())
}

/// A JPEG or a PNG, by its first bytes.
fn check(photo: &[u8]) -> Result<(), String> {
    const JPEG: &[u8] = &[0xff, 0xd8, 0xff];
    const PNG: &[u8] = b"\x89PNG\r\n\x1a\n";
    if photo.starts_with(JPEG) || photo.starts_with(PNG) {
        Ok(())
    } else {
        Err("the photo is not a JPEG or PNG image".into())
    }
}

fn why(e: multer::Error) -> String {
    match e {
        multer::Error::FieldSizeExceeded { .. } => "the photo is larger than 1 MiB".into(),
        other => format!("the request is not valid multipart/form-data: {other}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn photos_are_recognised_by_their_magic_bytes() {
        assert!(check(b"\xff\xd8\xff\xe0rest").is_ok());
        assert!(check(b"\x89PNG\r\n\x1a\nrest").is_ok());
        assert!(check(b"GIF89a").is_err());
        assert!(check(b"").is_err());
        assert!(check(b"\xff\xd8").is_err());
    }
}
